import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { type NextFunction, type Request, type Response } from 'express';
import { type AccessTokenClaims } from '../common/auth/auth.guard';
import {
  GOV_FACTS_QUEUE,
  MATCHING_BACKGROUND_QUEUE,
  MATCHING_QUEUE,
  RESPONSE_CLOCK_QUEUE,
} from './queue.constants';

export const BULL_BOARD_PATH = '/admin/queues';
export const BULL_BOARD_COOKIE = 'lr_board';

function readCookie(req: Request, name: string): string | undefined {
  const pair = (req.headers.cookie ?? '').split(';').find((c) => c.trim().startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.split('=')[1]) : undefined;
}

/**
 * bull-board for platform admins. A browser cannot send a bearer header on navigation,
 * so the web first calls `POST /api/v1/admin/queues/session` with its bearer, which
 * sets an HttpOnly cookie scoped to the board (BullBoardSessionController), then opens
 * the board. A token never travels in the URL, where request logs and browser history
 * would keep it; the token's 15-minute expiry still applies.
 */
export function mountBullBoard(app: INestApplication): void {
  const queues = [
    MATCHING_QUEUE,
    MATCHING_BACKGROUND_QUEUE,
    RESPONSE_CLOCK_QUEUE,
    GOV_FACTS_QUEUE,
  ].map((name) => app.get<Queue>(getQueueToken(name)));
  const jwt = app.get(JwtService);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter });

  const adminOnly = async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization?.startsWith('Bearer ')
      ? req.headers.authorization.slice(7)
      : undefined;
    const token = header ?? readCookie(req, BULL_BOARD_COOKIE);
    if (!token) {
      res.status(401).json({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'admin session required: POST /api/v1/admin/queues/session first',
        details: [],
      });
      return;
    }
    try {
      const claims = await jwt.verifyAsync<AccessTokenClaims>(token);
      if (claims.role !== 'admin') {
        res
          .status(403)
          .json({ statusCode: 403, error: 'Forbidden', message: 'admins only', details: [] });
        return;
      }
      next();
    } catch {
      res.status(401).json({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'invalid or expired token',
        details: [],
      });
    }
  };
  app.use(BULL_BOARD_PATH, adminOnly, serverAdapter.getRouter());
}

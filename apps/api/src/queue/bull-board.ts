import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type INestApplication, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { type NextFunction, type Request, type Response } from 'express';
import { type RequestWithActor } from '../common/auth/actor';
import { adminOnly } from '../common/auth/admin-only';
import { bindToRequest, withRequestContext } from '../common/http/request-context';
import { AuditService, NO_ACTOR } from '../modules/audit/audit.service';
import {
  GOV_FACTS_QUEUE,
  MATCHING_BACKGROUND_QUEUE,
  MATCHING_QUEUE,
  RESPONSE_CLOCK_QUEUE,
} from './queue.constants';

export const BULL_BOARD_PATH = '/admin/queues';
export const BULL_BOARD_COOKIE = 'lr_board';

/**
 * bull-board for platform admins: `POST /api/v1/admin/queues/session` turns the admin's
 * bearer into a cookie scoped to the board (BullBoardSessionController, adminOnly).
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

  app.use(
    BULL_BOARD_PATH,
    adminOnly(jwt, BULL_BOARD_COOKIE, '/api/v1/admin/queues/session'),
    auditQueueChanges(app.get(AuditService)),
    serverAdapter.getRouter(),
  );
}

const logger = new Logger('QueueBoard');

/**
 * The board's own actions (retry, promote, clean, remove, pause a queue) change state
 * outside Nest's routes, so its interceptor never sees them: each one that succeeds is an
 * audit event naming the admin and the board's route.
 */
function auditQueueChanges(audit: AuditService) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) return next();
    withRequestContext(req, res, () => {
      const actor = (req as RequestWithActor).actor;
      res.on(
        'finish',
        bindToRequest(() => {
          if (res.statusCode >= 400) return;
          audit
            .recordAlone(
              actor ? audit.auditActor(actor) : NO_ACTOR,
              'queue',
              null,
              'queue_board.changed',
              { data: { route: `${req.method} ${req.originalUrl}`.slice(0, 500) } },
            )
            .catch((err: unknown) => logger.error(`audit event not written: ${String(err)}`));
        }),
      );
      next();
    });
  };
}

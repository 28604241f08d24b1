import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { adminOnly } from '../common/auth/admin-only';
import { MATCHING_BACKGROUND_QUEUE, MATCHING_QUEUE, RESPONSE_CLOCK_QUEUE } from './queue.constants';

export const BULL_BOARD_PATH = '/admin/queues';
export const BULL_BOARD_COOKIE = 'lr_board';

/**
 * bull-board for platform admins: `POST /api/v1/admin/queues/session` turns the admin's
 * bearer into a cookie scoped to the board (BullBoardSessionController, adminOnly).
 */
export function mountBullBoard(app: INestApplication): void {
  const queues = [MATCHING_QUEUE, MATCHING_BACKGROUND_QUEUE, RESPONSE_CLOCK_QUEUE].map((name) =>
    app.get<Queue>(getQueueToken(name)),
  );
  const jwt = app.get(JwtService);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter });

  app.use(
    BULL_BOARD_PATH,
    adminOnly(jwt, BULL_BOARD_COOKIE, '/api/v1/admin/queues/session'),
    serverAdapter.getRouter(),
  );
}

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { FastifyAdapter } from '@bull-board/fastify';
import { type INestApplication, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Actor } from '../common/auth/actor';
import { adminCheck, adminOnly, refusalBody } from '../common/auth/admin-only';
import { type ContextRequest, withRequestContext } from '../common/http/request-context';
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
  const audit = app.get(AuditService);
  const board = { queues: queues.map((q) => new BullMQAdapter(q)) };
  const sessionRoute = '/api/v1/admin/queues/session';

  if (app.getHttpAdapter().getType() === 'fastify') {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({ ...board, serverAdapter });
    const check = adminCheck(jwt, BULL_BOARD_COOKIE, sessionRoute);
    const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
    // Hooks of this plugin cover the board's routes, registered inside it, and no others.
    void fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const result = await check(request);
        if ('actor' in result) (request.raw as BoardRequest).actor = result.actor;
        else return reply.code(result.status).send(refusalBody(result));
      });
      scope.addHook('onResponse', (request, reply, done) => {
        recordChange(audit, request.raw, reply.raw);
        done();
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
    });
    return;
  }

  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ ...board, serverAdapter });
  app.use(
    BULL_BOARD_PATH,
    adminOnly(jwt, BULL_BOARD_COOKIE, sessionRoute),
    (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      res.on('finish', () => recordChange(audit, req, res));
      next();
    },
    serverAdapter.getRouter(),
  );
}

type BoardRequest = ContextRequest & { actor?: Actor; originalUrl?: string };

const logger = new Logger('QueueBoard');

/**
 * The board's own actions (retry, promote, clean, remove, pause a queue) change state
 * outside Nest's routes, so its interceptor never sees them: each one that succeeds is an
 * audit event naming the admin and the board's route. Called once the answer is sent.
 */
function recordChange(audit: AuditService, req: BoardRequest, res: ServerResponse): void {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method ?? '')) return;
  if (res.statusCode >= 400) return;
  withRequestContext(req, res, () => {
    const actor = req.actor;
    audit
      .recordAlone(
        actor ? audit.auditActor(actor) : NO_ACTOR,
        'queue',
        null,
        'queue_board.changed',
        {
          data: { route: `${req.method} ${req.originalUrl ?? req.url}`.slice(0, 500) },
        },
      )
      .catch((err: unknown) => logger.error(`audit event not written: ${String(err)}`));
  });
}

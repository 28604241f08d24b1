import { Controller, Delete, type INestApplication, Param, Post, Put } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { currentRequest, RequestContextMiddleware } from '../../common/http/request-context';
import { Audited, NotAudited } from './audit-route';
import { AuditInterceptor } from './audit.interceptor';
import { AuditService } from './audit.service';

const THING = '5f0e4a3c-8b7d-4c1e-9a2f-0123456789ab';

/** Routes standing for the kinds the interceptor tells apart. */
@Controller('things')
class ThingsController {
  @Post()
  create() {
    return { id: THING };
  }

  @Put(':id/flag')
  @Audited('thing', 'thing.flagged')
  flag(@Param('id') id: string) {
    return { id };
  }

  // As a service does: its own event, inside its transaction.
  @Post(':id/close')
  close() {
    const ctx = currentRequest();
    if (ctx) ctx.audited += 1;
    return { ok: true };
  }

  @Post('preview')
  @NotAudited('stores nothing')
  preview() {
    return { ok: true };
  }

  @Delete(':id')
  remove() {
    throw new Error('refused');
  }
}

describe('AuditInterceptor', () => {
  let app: INestApplication;
  const recorded: unknown[][] = [];

  beforeAll(async () => {
    const audit = {
      auditActor: () => ({ userId: null, orgId: null }),
      recordAlone: async (...args: unknown[]) => void recorded.push(args),
    };
    const moduleRef = await Test.createTestingModule({
      controllers: [ThingsController],
      providers: [
        { provide: AuditService, useValue: audit },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use((req: never, res: never, next: () => void) =>
      new RequestContextMiddleware().use(req, res, next),
    );
    await app.init();
  });
  afterAll(() => app.close());
  beforeEach(() => (recorded.length = 0));

  it('names an event after the route when nothing else does, with the created id', async () => {
    await request(app.getHttpServer()).post('/things').expect(201);
    expect(recorded).toEqual([
      [
        { userId: null, orgId: null },
        'things',
        THING,
        'things.create',
        { data: { route: 'POST /things' } },
      ],
    ]);
  });

  it('uses the names a route declares, and its uuid parameter', async () => {
    await request(app.getHttpServer()).put(`/things/${THING}/flag`).expect(200);
    expect(recorded).toEqual([
      [
        expect.anything(),
        'thing',
        THING,
        'thing.flagged',
        { data: { route: 'PUT /things/:id/flag' } },
      ],
    ]);
  });

  it('adds nothing when the service wrote its event, or the route changes nothing', async () => {
    await request(app.getHttpServer()).post(`/things/${THING}/close`).expect(201);
    await request(app.getHttpServer()).post('/things/preview').expect(201);
    expect(recorded).toEqual([]);
  });

  it('adds nothing for a request that failed', async () => {
    await request(app.getHttpServer()).delete(`/things/${THING}`).expect(500);
    expect(recorded).toEqual([]);
  });

  it('leaves reads alone', async () => {
    await request(app.getHttpServer()).get('/things').expect(404);
    expect(recorded).toEqual([]);
  });
});

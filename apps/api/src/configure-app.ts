import { type INestApplication, VersioningType } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { createValidationPipe } from './common/http/validation';
import { configureHttpAdapter } from './http-adapter';
import { mountDocs } from './openapi/docs';
import { mountBullBoard } from './queue/bull-board';

/** The paths' shape (/api/v1/...); the OpenAPI generator applies it too, so its paths match. */
export function configureRoutes(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI });
}

/**
 * Everything main.ts applies to the app; integration tests call it too, so they test the
 * real edges. `production` defaults to NODE_ENV=production, as the entry point sees it.
 * The app may run on Express or Fastify (createHttpAdapter); under Fastify, await
 * `readyHttpAdapter` before serving requests without `listen`.
 */
export function configureApp(
  app: INestApplication,
  { production = process.env.NODE_ENV === 'production' }: { production?: boolean } = {},
): void {
  app.useLogger(app.get(Logger));
  // Trust proxy, helmet's headers and cookies under Fastify; body parsers too.
  configureHttpAdapter(app, app.get(AppConfig));
  if (app.getHttpAdapter().getType() !== 'fastify') {
    app.use(helmet());
    // The refresh token's cookie (auth routes); nothing else reads cookies.
    app.use(cookieParser());
  }
  mountBullBoard(app);
  configureRoutes(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  mountDocs(app, production);
}

/** Fastify loads the plugins configureApp registered (helmet, cookies, bull-board) here. */
export async function readyHttpAdapter(app: INestApplication): Promise<void> {
  const adapter = app.getHttpAdapter();
  if (adapter.getType() === 'fastify')
    await (adapter.getInstance() as { ready(): Promise<unknown> }).ready();
}

import { type INestApplication, VersioningType } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { type Application } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { createValidationPipe } from './common/http/validation';
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
 */
export function configureApp(
  app: INestApplication,
  { production = process.env.NODE_ENV === 'production' }: { production?: boolean } = {},
): void {
  app.useLogger(app.get(Logger));
  // req.ip is the client's own address as the bundled nginx forwards it, and only from there.
  (app.getHttpAdapter().getInstance() as Application).set(
    'trust proxy',
    app.get(AppConfig).TRUST_PROXY,
  );
  app.use(helmet());
  // The refresh token's cookie (auth routes); nothing else reads cookies.
  app.use(cookieParser());
  mountBullBoard(app);
  configureRoutes(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  mountDocs(app, production);
}

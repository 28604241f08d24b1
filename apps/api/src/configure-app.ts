import { type INestApplication, VersioningType } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { type Application } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { createValidationPipe } from './common/http/validation';
import { createOpenApiDocument } from './openapi/openapi-document';
import { mountBullBoard } from './queue/bull-board';

/** The paths' shape (/api/v1/...); the OpenAPI generator applies it too, so its paths match. */
export function configureRoutes(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI });
}

/** Everything main.ts applies to the app; integration tests call it too, so they test the real edges. */
export function configureApp(app: INestApplication): void {
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

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

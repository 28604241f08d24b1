import {
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { AccessScope } from './auth/access-scope';
import { TokenVersions } from './auth/token-versions';
import { RequestContextMiddleware } from './http/request-context';

@Global()
@Module({ providers: [AccessScope, TokenVersions], exports: [AccessScope, TokenVersions] })
export class CommonModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RequestContextMiddleware)
      .forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}

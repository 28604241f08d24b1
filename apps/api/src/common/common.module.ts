import {
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { AccessScope } from './auth/access-scope';
import { RequestContextMiddleware } from './http/request-context';

@Global()
@Module({ providers: [AccessScope], exports: [AccessScope] })
export class CommonModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RequestContextMiddleware)
      .forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}

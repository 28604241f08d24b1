import { type IncomingMessage } from 'node:http';
import {
  type CallHandler,
  type ExecutionContext,
  mixin,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { type Observable } from 'rxjs';
import { type HttpRequest, rawRequest, rawResponse } from './http-reply';

type UploadOptions = NonNullable<Parameters<typeof FileInterceptor>[1]>;

/**
 * Nest's FileInterceptor (multer: its limits, its 400/413 answers) on either HTTP adapter.
 * multer reads Node's request stream, which Express hands over as it is; under Fastify the
 * multipart content-type parser leaves the stream unread (see http-adapter.ts), so multer
 * reads Fastify's raw request and the file is copied onto the request handlers see.
 */
export function SingleFileUpload(field: string, options: UploadOptions): Type<NestInterceptor> {
  const Multer = FileInterceptor(field, options);

  class Upload implements NestInterceptor {
    private readonly multer = new Multer();

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = context.switchToHttp();
      const req = http.getRequest<HttpRequest & { file?: unknown }>();
      if (!req.raw) return this.multer.intercept(context, next);
      const raw: IncomingMessage & { file?: unknown } = rawRequest(req);
      const res = rawResponse(http.getResponse<object>());
      const onRaw = {
        ...context,
        switchToHttp: () => ({ ...http, getRequest: () => raw, getResponse: () => res }),
      } as ExecutionContext;
      const handled = await this.multer.intercept(onRaw, next);
      req.file = raw.file;
      return handled;
    }
  }
  return mixin(Upload);
}

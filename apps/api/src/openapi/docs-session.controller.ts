import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/actor';
import { ApiDoc } from '../common/http/api-doc';
import { type HttpReply, type HttpRequest, isHttps, setCookie } from '../common/http/http-reply';
import { Audited } from '../modules/audit/audit-route';
import { AppConfig } from '../config/app-config';
import { DOCS_COOKIE, DOCS_JSON_PATH, DOCS_PATH } from './docs';

/**
 * Opens the API docs for the calling admin: the bearer they proved becomes an HttpOnly
 * cookie that only the docs' paths receive (see mountDocs).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin/docs', version: '1' })
export class DocsSessionController {
  constructor(private readonly config: AppConfig) {}

  @Post('session')
  @Audited('admin_tool', 'api_docs.opened')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiDoc({
    summary:
      'Let this browser open the API docs (/api/docs), which production shows to admins only',
    status: HttpStatus.NO_CONTENT,
  })
  open(@Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpReply): void {
    // The guard has verified this bearer and the admin role.
    const token = (req.headers.authorization ?? '').slice('Bearer '.length).trim();
    // A cookie's path covers the paths below it, and /api/docs-json is not below /api/docs.
    for (const path of [DOCS_PATH, DOCS_JSON_PATH]) {
      setCookie(res, DOCS_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: isHttps(req),
        path,
        maxAgeSeconds: this.config.JWT_ACCESS_TTL_SECONDS,
      });
    }
  }
}

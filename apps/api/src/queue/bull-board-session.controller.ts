import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/actor';
import { ApiDoc } from '../common/http/api-doc';
import { type HttpReply, type HttpRequest, isHttps, setCookie } from '../common/http/http-reply';
import { Audited } from '../modules/audit/audit-route';
import { AppConfig } from '../config/app-config';
import { BULL_BOARD_COOKIE, BULL_BOARD_PATH } from './bull-board';

/**
 * Opens the queue board for the calling admin: the bearer they proved becomes an
 * HttpOnly cookie that only the board's path receives (see mountBullBoard).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin/queues', version: '1' })
export class BullBoardSessionController {
  constructor(private readonly config: AppConfig) {}

  @Post('session')
  @Audited('admin_tool', 'queue_board.opened')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiDoc({
    summary: 'Let this browser open the queue board (/admin/queues)',
    status: HttpStatus.NO_CONTENT,
  })
  open(@Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpReply): void {
    // The guard has verified this bearer and the admin role.
    const token = (req.headers.authorization ?? '').slice('Bearer '.length).trim();
    setCookie(res, BULL_BOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: isHttps(req),
      path: BULL_BOARD_PATH,
      maxAgeSeconds: this.config.JWT_ACCESS_TTL_SECONDS,
    });
  }
}

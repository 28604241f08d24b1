import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { ApiException } from '../../common/http/api-error';
import {
  clearCookie,
  type HttpReply,
  type HttpRequest,
  setCookie,
} from '../../common/http/http-reply';
import { AuthService, type IssuedSession, type Session, type UserView } from './auth.service';
import { AppConfig } from '../../config/app-config';
import { ChangePasswordDto, LoginDto, RegisterFirmDto } from './dtos/auth.dto';
import { LimitedAs } from '../../common/rate-limit/rate-limit';
import { NotAudited } from '../audit/audit-route';
import { SessionDto, UserViewDto } from './dtos/session.dto';

export const REFRESH_COOKIE = 'lr_refresh';
const REFRESH_COOKIE_PATH = '/api/v1/auth';

const refreshCookieOf = (req: HttpRequest): string | undefined => {
  const value: unknown = req.cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length <= 300 ? value : undefined;
};

@ApiTags('auth')
@NotAudited(
  'AuthService writes the session events: logins, refused logins, refreshes, replays, logouts',
)
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The refresh token goes to the browser as an HttpOnly cookie that only the auth routes
   * receive and no other site can make it send (SameSite=Strict): script on the page never
   * sees it, and it survives a reload.
   */
  private startSession(res: HttpReply, issued: IssuedSession): Session {
    setCookie(res, REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      secure: this.config.COOKIE_SECURE,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
      expires: issued.refreshExpiresAt,
    });
    return { accessToken: issued.accessToken, expiresIn: issued.expiresIn, user: issued.user };
  }

  private endSession(res: HttpReply): void {
    clearCookie(res, REFRESH_COOKIE, {
      httpOnly: true,
      secure: this.config.COOKIE_SECURE,
      sameSite: 'strict',
      path: REFRESH_COOKIE_PATH,
    });
  }

  @ApiDoc({
    summary: 'Register a firm and its first user',
    response: SessionDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT],
    public: true,
  })
  @Public()
  @LimitedAs('registration')
  @Post('register-firm')
  async registerFirm(
    @Body() dto: RegisterFirmDto,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<Session> {
    return this.startSession(res, await this.auth.registerFirm(dto));
  }

  @ApiDoc({
    summary: 'Log in with email and password',
    response: SessionDto,
    description: 'A user an administrator made reset the password gets 403: POST /auth/password.',
    errors: [
      HttpStatus.BAD_REQUEST,
      HttpStatus.UNAUTHORIZED,
      HttpStatus.FORBIDDEN,
      HttpStatus.TOO_MANY_REQUESTS,
    ],
    public: true,
  })
  @Public()
  @LimitedAs('login')
  @Post('login')
  @HttpCode(HttpStatus.OK)
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: HttpReply): Promise<Session> {
    return this.startSession(res, await this.auth.login(dto));
  }

  @ApiDoc({
    summary: 'Set a new password, proven by the current one; every other session ends',
    response: SessionDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS],
    public: true,
  })
  @Public()
  @LimitedAs('login')
  @Post('password')
  @HttpCode(HttpStatus.OK)
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<Session> {
    return this.startSession(res, await this.auth.changePassword(dto));
  }

  @ApiDoc({
    summary: 'Trade the refresh cookie for a new session (and a new cookie)',
    response: SessionDto,
    errors: [HttpStatus.UNAUTHORIZED],
    public: true,
  })
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  async refresh(
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<Session> {
    const token = refreshCookieOf(req);
    if (!token) throw new ApiException(HttpStatus.UNAUTHORIZED, 'no session to refresh');
    try {
      return this.startSession(res, await this.auth.refresh(token));
    } catch (err) {
      this.endSession(res);
      throw err;
    }
  }

  @ApiDoc({
    summary: 'End this session',
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.UNAUTHORIZED],
    public: true,
  })
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpReply): Promise<void> {
    const token = refreshCookieOf(req);
    if (!token) throw new ApiException(HttpStatus.UNAUTHORIZED, 'no session to end');
    await this.auth.logout(token);
    this.endSession(res);
  }

  @ApiDoc({
    summary: 'End every session of the calling user, on every device',
    status: HttpStatus.NO_CONTENT,
  })
  @ApiBearerAuth()
  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  async logoutEverywhere(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<void> {
    await this.auth.endAllSessions(actor.userId);
    this.endSession(res);
  }

  @ApiDoc({ summary: 'The calling user', response: UserViewDto })
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.auth.me(actor.userId);
  }
}

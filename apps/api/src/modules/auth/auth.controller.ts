import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { NotAudited } from '../audit/audit-route';
import { AuthService, type Session, type UserView } from './auth.service';
import { LoginDto, RefreshDto, RegisterFirmDto } from './dtos/auth.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SessionDto, UserViewDto } from './dtos/session.dto';

@ApiTags('auth')
@NotAudited(
  'AuthService writes the session events: logins, refused logins, refreshes, replays, logouts',
)
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiDoc({
    summary: 'Register a firm and its first user',
    response: SessionDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT],
    public: true,
  })
  @Public()
  @Post('register-firm')
  registerFirm(@Body() dto: RegisterFirmDto): Promise<Session> {
    return this.auth.registerFirm(dto);
  }

  @ApiDoc({
    summary: 'Log in with email and password',
    response: SessionDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS],
    public: true,
  })
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  login(@Body() dto: LoginDto): Promise<Session> {
    return this.auth.login(dto);
  }

  @ApiDoc({
    summary: 'Trade a refresh token for a new session',
    response: SessionDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED],
    public: true,
  })
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  refresh(@Body() dto: RefreshDto): Promise<Session> {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiDoc({
    summary: 'Revoke a refresh token',
    status: HttpStatus.NO_CONTENT,
    errors: [HttpStatus.BAD_REQUEST],
    public: true,
  })
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @ApiDoc({ summary: 'The calling user', response: UserViewDto })
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.auth.me(actor.userId);
  }
}

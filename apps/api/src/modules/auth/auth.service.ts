import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { findRegion, regionWithin } from '@lianrong/matching/registration';
import { ApiException, badRequest, conflict } from '../../common/http/api-error';
import { usccRegionCode } from '../../common/uscc';
import { AuditService, NO_ACTOR } from '../audit/audit.service';
import { Firm } from '../firms/firm.entity';
import { Organization } from '../organizations/organization.entity';
import { TokenVersions } from '../../common/auth/token-versions';
import { type ChangePasswordDto, type LoginDto, type RegisterFirmDto } from './dtos/auth.dto';
import { DUMMY_HASH_PASSWORD, PasswordService } from './password.service';
import { type IssuedTokens, TokenService } from './token.service';
import { User } from './user.entity';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: User['role'];
  organization: { id: string; name: string; kind: Organization['kind']; regionCode: string };
}

/** What the API answers on sign-in; the refresh token travels separately, as a cookie. */
export interface Session {
  accessToken: string;
  expiresIn: number;
  user: UserView;
}

export type IssuedSession = IssuedTokens & { user: UserView };

export function toUserView(user: User, org: Organization): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organization: { id: org.id, name: org.name, kind: org.kind, regionCode: org.regionCode },
  };
}

/**
 * Characters 3–8 of the USCC are the registering authority's division; a firm may name a
 * narrower current one within it, but never one elsewhere.
 */
function registrationRegion(uscc: string, requested: string | undefined): string {
  const division = usccRegionCode(uscc);
  if (requested === undefined || requested === division) return division;
  if (!regionWithin(requested, division))
    throw badRequest(
      'regionCode',
      `must lie within ${division}, the division in characters 3–8 of the USCC`,
    );
  if (!findRegion(requested)) throw badRequest('regionCode', 'is not a current GB/T 2260 code');
  return requested;
}

const badCredentials = () => new ApiException(HttpStatus.UNAUTHORIZED, 'wrong email or password');

/** The address someone tried, as evidence of who was targeted; bounded like an email. */
const triedEmail = (email: unknown) => String(email).slice(0, 254);

const passwordChangeRequired = () =>
  new ApiException(HttpStatus.FORBIDDEN, 'a new password is required before signing in', [
    {
      field: 'password',
      problem: 'must be changed: an administrator asked for a new one (POST /auth/password)',
    },
  ]);

@Injectable()
export class AuthService {
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly versions: TokenVersions,
  ) {}

  async registerFirm(dto: RegisterFirmDto): Promise<IssuedSession> {
    const regionCode = registrationRegion(dto.uscc, dto.regionCode);
    const passwordHash = await this.passwords.hash(dto.password);
    return this.db.transaction(async (em) => {
      if (await em.exists(Organization, { where: { uscc: dto.uscc } })) {
        throw conflict('a firm with this USCC is already registered', [
          { field: 'uscc', problem: 'already registered' },
        ]);
      }
      if (await this.emailTaken(em, dto.email)) {
        throw conflict('this email is already registered', [
          { field: 'email', problem: 'already registered' },
        ]);
      }
      const org = await em.save(
        em.create(Organization, {
          kind: 'firm',
          name: dto.name,
          regionCode,
          uscc: dto.uscc,
        }),
      );
      await em.save(
        em.create(Firm, {
          id: org.id,
          industryCode: dto.industryCode,
          tier: 'none',
          yearsInNiche: 0,
        }),
      );
      const user = await em.save(
        em.create(User, {
          email: dto.email,
          passwordHash,
          displayName: dto.displayName ?? dto.name,
          role: 'firm',
          organizationId: org.id,
          disabledAt: null,
        }),
      );
      await this.audit.record(
        em,
        { userId: user.id, orgId: org.id },
        'firm',
        org.id,
        'firm.registered',
      );
      return {
        ...(await this.tokens.issue(em, user, org.regionCode)),
        user: toUserView(user, org),
      };
    });
  }

  /**
   * The active user with this email and password, or 401 — the same answer, after the same
   * hashing work, whether the email is unknown, the password wrong or the user disabled.
   * A refusal is an audit event of its own (nobody is proven to have acted), kept although
   * the request fails; every refusal writes one, so none answers faster than another.
   */
  private async verifiedUser(
    email: string,
    password: string,
    attempt: 'login' | 'password_change',
  ): Promise<User> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .innerJoinAndSelect('u.organization', 'o')
      .where('lower(u.email) = :email', { email })
      .getOne();
    if (!user) {
      this.dummyHash ??= this.passwords.hash(DUMMY_HASH_PASSWORD);
      await this.passwords.verify(await this.dummyHash, password);
      await this.refused(null, email, attempt, 'unknown_email');
      throw badCredentials();
    }
    const passwordOk = await this.passwords.verify(user.passwordHash, password);
    if (!passwordOk || user.disabledAt) {
      await this.refused(user.id, email, attempt, passwordOk ? 'disabled' : 'wrong_password');
      throw badCredentials();
    }
    return user;
  }

  private refused(
    userId: string | null,
    email: string,
    attempt: 'login' | 'password_change',
    reason: string,
  ): Promise<void> {
    return this.audit.recordAlone(NO_ACTOR, 'user', userId, 'session.login_failed', {
      data: { email: triedEmail(email), reason, ...(attempt === 'login' ? {} : { attempt }) },
    });
  }

  async login(dto: LoginDto): Promise<IssuedSession> {
    const user = await this.verifiedUser(dto.email, dto.password, 'login');
    if (user.passwordResetRequired) {
      await this.refused(user.id, dto.email, 'login', 'password_reset_required');
      throw passwordChangeRequired();
    }
    const org = user.organization as Organization;
    return this.db.transaction(async (em) => {
      const tokens = await this.tokens.issue(em, user, org.regionCode);
      await this.audit.record(
        em,
        { userId: user.id, orgId: user.organizationId },
        'user',
        user.id,
        'session.login',
      );
      return { ...tokens, user: toUserView(user, org) };
    });
  }

  async refresh(refreshToken: string): Promise<IssuedSession> {
    const outcome = await this.db.transaction(async (em) => {
      const spent = await this.tokens.spend(em, refreshToken);
      if ('reused' in spent) {
        // Whoever presented it is not proven to be the user: the event names the user's
        // account as its entity and nobody as actor. It commits with the revocation.
        await this.audit.record(em, NO_ACTOR, 'user', spent.row.userId, 'session.refresh_reused', {
          data: { familyId: spent.row.familyId },
        });
        return null;
      }
      const user = await em.findOne(User, {
        where: { id: spent.row.userId },
        relations: { organization: true },
      });
      if (!user || user.disabledAt || user.passwordResetRequired) throw badCredentials();
      const org = user.organization as Organization;
      const family = { id: spent.row.familyId, startedAt: spent.row.familyStartedAt };
      const tokens = await this.tokens.issue(em, user, org.regionCode, family);
      await this.audit.record(
        em,
        { userId: user.id, orgId: user.organizationId },
        'user',
        user.id,
        'session.refreshed',
      );
      return { ...tokens, user: toUserView(user, org) };
    });
    if (!outcome)
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'refresh token reused; session revoked');
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const row = await this.tokens.revokeByToken(em, refreshToken);
      if (!row) return;
      const user = await em.findOne(User, { where: { id: row.userId } });
      await this.audit.record(
        em,
        { userId: row.userId, orgId: user?.organizationId ?? null },
        'user',
        row.userId,
        'session.logout',
        { data: { familyId: row.familyId } },
      );
    });
  }

  /** Ends every session of the user, on every device, including access tokens already out. */
  async endAllSessions(userId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.tokens.revokeAllOf(em, userId);
      await this.versions.raise(em, userId);
      const user = await em.findOne(User, { where: { id: userId } });
      await this.audit.record(
        em,
        { userId, orgId: user?.organizationId ?? null },
        'user',
        userId,
        'session.logout_all',
      );
    });
    await this.versions.publish(userId);
  }

  /**
   * The new password a forced reset asks for (or any change of one's own): the current
   * password proves who it is; every other session ends, and this one begins.
   */
  async changePassword(dto: ChangePasswordDto): Promise<IssuedSession> {
    const user = await this.verifiedUser(dto.email, dto.currentPassword, 'password_change');
    if (dto.newPassword === dto.currentPassword)
      throw badRequest('newPassword', 'must differ from the current password');
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const org = user.organization as Organization;
    const session = await this.db.transaction(async (em) => {
      await em.update(User, user.id, { passwordHash, passwordResetRequired: false });
      await this.tokens.revokeAllOf(em, user.id);
      await this.versions.raise(em, user.id);
      const fresh = await em.findOneByOrFail(User, { id: user.id });
      await this.audit.record(
        em,
        { userId: user.id, orgId: org.id },
        'user',
        user.id,
        'user.password_changed',
      );
      return {
        ...(await this.tokens.issue(em, fresh, org.regionCode)),
        user: toUserView(user, org),
      };
    });
    await this.versions.publish(user.id);
    return session;
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.db
      .getRepository(User)
      .findOne({ where: { id: userId }, relations: { organization: true } });
    if (!user || user.disabledAt)
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'user no longer active');
    return toUserView(user, user.organization as Organization);
  }

  async emailTaken(em: EntityManager, email: string): Promise<boolean> {
    return em
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getExists();
  }
}

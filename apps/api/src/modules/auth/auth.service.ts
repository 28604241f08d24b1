import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { findRegion, regionWithin } from '@lianrong/matching/registration';
import { ApiException, badRequest, conflict } from '../../common/http/api-error';
import { usccRegionCode } from '../../common/uscc';
import { AuditService, NO_ACTOR } from '../audit/audit.service';
import { Firm } from '../firms/firm.entity';
import { Organization } from '../organizations/organization.entity';
import { type LoginDto, type RegisterFirmDto } from './dtos/auth.dto';
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

export type Session = IssuedTokens & { user: UserView };

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

@Injectable()
export class AuthService {
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  async registerFirm(dto: RegisterFirmDto): Promise<Session> {
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

  async login(dto: LoginDto): Promise<Session> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .innerJoinAndSelect('u.organization', 'o')
      .where('lower(u.email) = :email', { email: dto.email })
      .getOne();
    // A refused login is an event of its own (nobody is proven to have acted), kept
    // although the request fails; both refusals write one, so neither answers faster.
    if (!user) {
      this.dummyHash ??= this.passwords.hash(DUMMY_HASH_PASSWORD);
      await this.passwords.verify(await this.dummyHash, dto.password);
      await this.audit.recordAlone(NO_ACTOR, 'user', null, 'session.login_failed', {
        data: { email: triedEmail(dto.email), reason: 'unknown_email' },
      });
      throw badCredentials();
    }
    const passwordOk = await this.passwords.verify(user.passwordHash, dto.password);
    if (!passwordOk || user.disabledAt) {
      await this.audit.recordAlone(NO_ACTOR, 'user', user.id, 'session.login_failed', {
        data: { email: triedEmail(dto.email), reason: passwordOk ? 'disabled' : 'wrong_password' },
      });
      throw badCredentials();
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

  async refresh(refreshToken: string): Promise<Session> {
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
      if (!user || user.disabledAt) throw badCredentials();
      const org = user.organization as Organization;
      const tokens = await this.tokens.issue(em, user, org.regionCode, spent.row.familyId);
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

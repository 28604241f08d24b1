import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type EntityManager } from 'typeorm';
import { type AccessTokenClaims } from '../../common/auth/auth.guard';
import { ApiException } from '../../common/http/api-error';
import { AppConfig } from '../../config/app-config';
import { RefreshToken } from './refresh-token.entity';
import { type User } from './user.entity';

export interface IssuedTokens {
  accessToken: string;
  /** Goes to the browser only as an HttpOnly cookie, never in a body. */
  refreshToken: string;
  refreshExpiresAt: Date;
  expiresIn: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const invalid = () => new ApiException(HttpStatus.UNAUTHORIZED, 'invalid refresh token');

/** Refresh tokens are `<row id>.<secret>`; only a hash of the secret is kept. */
function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{32,})$/.exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /**
   * A new access token and the family's next refresh token. A refresh token lives for the idle
   * limit, and never past the family's absolute limit; nor does an access token.
   */
  async issue(
    em: EntityManager,
    user: User,
    regionCode: string,
    family: { id: string; startedAt: Date } = { id: randomUUID(), startedAt: new Date() },
  ): Promise<IssuedTokens> {
    const now = Date.now();
    const endsAt = family.startedAt.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 3_600_000;
    const expiresIn = Math.max(
      1,
      Math.min(this.config.JWT_ACCESS_TTL_SECONDS, Math.floor((endsAt - now) / 1000)),
    );
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      org: user.organizationId,
      region: regionCode,
      ver: user.tokenVersion,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    const secret = randomBytes(32).toString('base64url');
    const row = em.create(RefreshToken, {
      familyId: family.id,
      familyStartedAt: family.startedAt,
      userId: user.id,
      secretHash: sha256(secret),
      expiresAt: new Date(Math.min(now + this.config.SESSION_IDLE_MINUTES * 60_000, endsAt)),
      spentAt: null,
      revokedAt: null,
    });
    await em.save(row);
    return {
      accessToken,
      refreshToken: `${row.id}.${secret}`,
      refreshExpiresAt: row.expiresAt,
      expiresIn,
    };
  }

  /**
   * Spends a refresh token and returns its row. A token presented twice is a replay: the
   * whole family is revoked, so neither the thief nor the owner can continue on it — unless
   * it comes back within seconds of being spent, which is a second tab or a reload racing
   * the first (they share the cookie), answered with the family's next token.
   * The caller's transaction must commit the revocation even though we then answer 401,
   * hence the `reused` result instead of a throw.
   */
  async spend(
    em: EntityManager,
    token: string,
  ): Promise<{ row: RefreshToken } | { reused: true; row: RefreshToken }> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw invalid();
    const row = await em
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id: parsed.id })
      .getOne();
    if (!row || !timingSafeEqual(Buffer.from(row.secretHash), Buffer.from(sha256(parsed.secret))))
      throw invalid();
    if (row.revokedAt) throw invalid();
    if (row.spentAt) {
      if (Date.now() - row.spentAt.getTime() <= this.config.REFRESH_REUSE_GRACE_SECONDS * 1000)
        return { row };
      await this.revokeFamily(em, row.familyId);
      return { reused: true, row };
    }
    if (row.expiresAt.getTime() <= Date.now()) throw invalid();
    row.spentAt = new Date();
    await em.save(row);
    return { row };
  }

  async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  /** Sign out everywhere: every family of the user. */
  async revokeAllOf(em: EntityManager, userId: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  /** Logout: revoke the family of the given token, if it is genuine; its row, or null. */
  async revokeByToken(em: EntityManager, token: string): Promise<RefreshToken | null> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return null;
    const row = await em.findOne(RefreshToken, { where: { id: parsed.id } });
    if (row && timingSafeEqual(Buffer.from(row.secretHash), Buffer.from(sha256(parsed.secret)))) {
      await this.revokeFamily(em, row.familyId);
      return row;
    }
    return null;
  }
}

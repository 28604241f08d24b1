import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { ORG_KIND_OF_ROLE } from '../../common/domain-enums';
import { badRequest, conflict, notFound } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { AuthService, toUserView, type UserView } from '../auth/auth.service';
import { PasswordService } from '../auth/password.service';
import { User } from '../auth/user.entity';
import { Organization } from '../organizations/organization.entity';
import { type CreateOrgDto, type CreateUserDto, type UpdateOrgLimitsDto } from './dtos/admin.dto';
import { TokenVersions } from '../../common/auth/token-versions';
import { likePattern } from '../../common/db/like-pattern';

const adminUserView = (user: User, org: Organization): AdminUserView => ({
  ...toUserView(user, org),
  disabledAt: user.disabledAt?.toISOString() ?? null,
  passwordResetRequired: user.passwordResetRequired,
});

export type AdminUserView = UserView & {
  disabledAt: string | null;
  passwordResetRequired: boolean;
};

/** How many users the admin list answers at most: it is searched, not paged. */
const USER_LIST_LIMIT = 200;

export type OrgView = Pick<
  Organization,
  'id' | 'name' | 'kind' | 'regionCode' | 'uscc' | 'approvalLimit' | 'responseDays' | 'createdAt'
>;

@Injectable()
export class AdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly versions: TokenVersions,
  ) {}

  async listUsers(q?: string): Promise<{ items: AdminUserView[] }> {
    const query = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organization', 'o')
      .orderBy('o.name')
      .addOrderBy('u.email')
      .take(USER_LIST_LIMIT);
    if (q?.trim())
      query.where('(u.email ILIKE :q OR u.display_name ILIKE :q OR o.name ILIKE :q)', {
        q: likePattern(q.trim()),
      });
    const users = await query.getMany();
    return { items: users.map((u) => adminUserView(u, u.organization as Organization)) };
  }

  /**
   * Disabling ends every session at once (the token version rises, so even access tokens
   * already out stop working) and refuses sign-in until re-enabled.
   */
  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<AdminUserView> {
    return this.changeUser(actor, id, disabled ? 'user.disabled' : 'user.enabled', (user) => {
      user.disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    });
  }

  /** The user's sessions end now, and the next sign-in must set a new password. */
  async forcePasswordReset(actor: Actor, id: string): Promise<AdminUserView> {
    return this.changeUser(actor, id, 'user.password_reset_forced', (user) => {
      user.passwordResetRequired = true;
    });
  }

  private async changeUser(
    actor: Actor,
    id: string,
    action: string,
    change: (user: User) => void,
  ): Promise<AdminUserView> {
    if (id === actor.userId) throw conflict('an administrator cannot lock themselves out');
    const view = await this.db.transaction(async (em) => {
      const user = await em
        .getRepository(User)
        .createQueryBuilder('u')
        .innerJoinAndSelect('u.organization', 'o')
        .setLock('pessimistic_write', undefined, ['u'])
        .where('u.id = :id', { id })
        .getOne();
      if (!user) throw notFound('user');
      change(user);
      await em.save(user);
      await this.versions.raise(em, user.id);
      await em.query(
        'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
        [user.id],
      );
      await this.audit.record(em, this.audit.auditActor(actor), 'user', user.id, action);
      return adminUserView(user, user.organization as Organization);
    });
    await this.versions.publish(id);
    return view;
  }

  async listOrgs(): Promise<{ items: OrgView[] }> {
    const orgs = await this.db
      .getRepository(Organization)
      .find({ order: { kind: 'ASC', name: 'ASC' } });
    return { items: orgs };
  }

  async createOrg(actor: Actor, dto: CreateOrgDto): Promise<OrgView> {
    return this.db.transaction(async (em) => {
      if (dto.uscc && (await em.existsBy(Organization, { uscc: dto.uscc }))) {
        throw conflict('an organisation with this USCC exists', [
          { field: 'uscc', problem: 'already registered' },
        ]);
      }
      const org = await em.save(em.create(Organization, { ...dto, uscc: dto.uscc ?? null }));
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'organization',
        org.id,
        'org.created',
        {
          data: { kind: org.kind },
        },
      );
      return org;
    });
  }

  /** A bank's approval limit and response days; the change and its old values are audited. */
  async updateOrgLimits(actor: Actor, id: string, dto: UpdateOrgLimitsDto): Promise<OrgView> {
    return this.db.transaction(async (em) => {
      const org = await em
        .createQueryBuilder(Organization, 'o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id })
        .getOne();
      if (!org) throw notFound('organisation');
      const fields = (['approvalLimit', 'responseDays'] as const).filter(
        (f) => dto[f] !== undefined,
      );
      if (fields.length === 0) throw badRequest('body', 'must set approvalLimit or responseDays');
      if (org.kind !== 'bank') {
        throw badRequest(fields[0], `applies to banks only, not to a ${org.kind}`);
      }
      const change = Object.fromEntries(fields.map((f) => [f, { from: org[f], to: dto[f] }]));
      const patch = Object.fromEntries(fields.map((f) => [f, dto[f]]));
      await em.update(Organization, { id }, patch);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'organization',
        id,
        'org.limits_updated',
        { data: change },
      );
      return { ...org, ...patch };
    });
  }

  async createUser(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await this.passwords.hash(dto.password);
    return this.db.transaction(async (em) => {
      const org = await em.findOneBy(Organization, { id: dto.organizationId });
      if (!org) throw badRequest('organizationId', 'does not exist');
      if (ORG_KIND_OF_ROLE[dto.role] !== org.kind) {
        throw badRequest('role', `a ${dto.role} user cannot belong to a ${org.kind} organisation`);
      }
      if (await this.auth.emailTaken(em, dto.email)) {
        throw conflict('this email is already registered', [
          { field: 'email', problem: 'already registered' },
        ]);
      }
      const { password: _pw, ...fields } = dto;
      const user = await em.save(em.create(User, { ...fields, passwordHash, disabledAt: null }));
      await this.audit.record(em, this.audit.auditActor(actor), 'user', user.id, 'user.created', {
        data: { role: user.role, organizationId: org.id },
      });
      return toUserView(user, org);
    });
  }
}

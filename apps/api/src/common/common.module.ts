import { Global, Module } from '@nestjs/common';
import { AccessScope } from './auth/access-scope';
import { TokenVersions } from './auth/token-versions';

@Global()
@Module({ providers: [AccessScope, TokenVersions], exports: [AccessScope, TokenVersions] })
export class CommonModule {}

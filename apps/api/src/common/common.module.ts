import { Global, Module } from '@nestjs/common';
import { AccessScope } from './auth/access-scope';

@Global()
@Module({ providers: [AccessScope], exports: [AccessScope] })
export class CommonModule {}

import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { AppConfig } from '../../config/app-config';
import { version } from '../../../../../package.json';

export class MetaView {
  @ApiProperty({ description: 'Demo data and logins are loaded (SEED_DEMO=true).' })
  demo: boolean;

  @ApiProperty({ example: '0.1.0' })
  version: string;
}

/** What a client may know before signing in. */
@ApiTags('meta')
@Public()
@Controller({ path: 'meta', version: '1' })
export class MetaController {
  constructor(private readonly config: AppConfig) {}

  @ApiDoc({
    summary: 'Platform facts for the sign-in page: demo mode and version',
    response: MetaView,
    public: true,
  })
  @Get()
  get(): MetaView {
    return { demo: this.config.SEED_DEMO, version };
  }
}

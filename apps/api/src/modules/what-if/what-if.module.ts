import { Module } from '@nestjs/common';
import { WhatIfController } from './what-if.controller';
import { WhatIfService } from './what-if.service';

/** 试算: a need's ranking under changed inputs, computed and never stored. */
@Module({ controllers: [WhatIfController], providers: [WhatIfService] })
export class WhatIfModule {}

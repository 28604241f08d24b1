import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The API's OpenAPI document, as served at /api/docs-json and read by the web's type generator. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lianrong 链融 API')
      .setDescription(
        'Financing matchmaking for 专精特新 firms: firms, banks, government, platform.',
      )
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://docs.npmjs.com/cli/configuring-npm/package-json#license')
      // Paths already carry the /api prefix, so the server is the origin that serves them.
      .addServer('/')
      .addBearerAuth()
      .build(),
  );
}

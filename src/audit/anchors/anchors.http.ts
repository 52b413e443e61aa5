import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators';
import type { Anchor } from '../domain/anchor';
import { Anchors } from './anchors';

/** Signed heads of the log, and the key to check them with, for auditors and admins. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AnchorsHttpController {
  constructor(private readonly anchors: Anchors) {}

  @Get('anchors')
  @Allow('verifyAuditLog')
  @ApiOperation({ summary: 'Every anchor: { position, headHash, signedAt, keyId, signature }, in position order' })
  list(): Promise<Anchor[]> {
    return this.anchors.list();
  }

  @Post('anchors')
  @HttpCode(201)
  @Allow('verifyAuditLog')
  @ApiOperation({ summary: "Sign the log's head now; the anchor is also appended to ANCHOR_DIR" })
  make(): Promise<Anchor> {
    return this.anchors.anchorHead();
  }

  @Get('public-key')
  @Allow('verifyAuditLog')
  @Header('Content-Type', 'application/x-pem-file')
  @ApiOperation({ summary: 'The Ed25519 public key (PEM) anchors are signed with' })
  publicKey(): string {
    return this.anchors.key.publicKeyPem;
  }
}

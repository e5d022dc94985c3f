import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { RequestHeader } from '../common/request-header';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { LoginResultDto } from './accounts.dto';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { bearerToken } from './auth.guard';

export class LoginDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'union.chief' })
  @IsString() @MinLength(1) @MaxLength(64)
  username!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, format: 'password', example: 'demo-pass' })
  @IsString() @MinLength(1) @MaxLength(200)
  password!: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in',
    description: 'Wrong passwords are limited per account (LOGIN_FAILURES_PER_ACCOUNT) and per client address (LOGIN_FAILURES_PER_ADDRESS) in one budget with the web login form, and an account pauses after three in a row.',
  })
  @ApiOkResponse({ type: LoginResultDto, description: 'A bearer token and who it is for' })
  @ApiErrors({ 401: 'Wrong username or password (AUTH.BAD_CREDENTIALS)', 429: 'Too many wrong passwords for this account or from this address; Retry-After says when to try again (AUTH.TOO_MANY_ATTEMPTS)' })
  login(@Body() body: LoginDto, @Ip() clientAddress: string) {
    return this.auth.login(body.username, body.password, clientAddress);
  }

  /** Ends the session of the token sent: it is refused from now on. */
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out', description: 'The token sent is refused from now on; other sessions of the person go on.' })
  @ApiNoContentResponse({ description: 'Logged out' })
  async logout(@RequestHeader('authorization') authorization: string): Promise<void> {
    await this.auth.logout(bearerToken(authorization)!);
  }
}

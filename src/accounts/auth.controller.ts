import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { bearerToken } from './auth.guard';

export class LoginDto {
  @IsString() @MinLength(1) @MaxLength(64)
  username!: string;

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
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }

  /** Ends the session of the token sent: it is refused from now on. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Headers('authorization') authorization: string): Promise<void> {
    await this.auth.logout(bearerToken(authorization)!);
  }
}

import { plainToInstance, Transform } from 'class-transformer';
import { Duration } from 'luxon';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { invalidProxyEntries } from '../common/trusted-proxies';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting the service reads, validated once at start-up (API.md "Operations"). */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Matches(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, { message: 'DATABASE_URL must start with sqlite: or postgres://' })
  DATABASE_URL = 'sqlite:./data/xieshang.db';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** IANA zone in which deadlines count calendar days. */
  @IsString()
  TZ_NAME = 'Asia/Shanghai';

  /** Path of an operator's rule pack (JSON, ISO 8601 durations) overriding the national one. */
  @IsOptional()
  @IsString()
  RULE_PACK?: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 256 * 1024;

  /** Bulk worker imports (CSV, JSON lines) may be larger than other bodies: 100 000 rows. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  IMPORT_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

  /** Order samples for costing (streamed, never held whole): 10⁷ orders of CSV are about 1 GB. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  SAMPLE_BODY_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

  /** How many demo riders the development fixture registers. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  DEMO_RIDERS = 240;

  /** Requests per minute per client address (API.md: 429 beyond). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Wrong passwords for one account (from anywhere) before it must wait out the window. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ACCOUNT = 10;

  /** Wrong passwords from one client address (for any accounts) before it must wait out the window. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ADDRESS = 20;

  /** How long wrong passwords are counted, in seconds. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /**
   * Event streams (GET /api/me/stream) one person may hold open on one instance at a time (a
   * phone and a browser or two); the next is a 429. Streams are limited per person, never per
   * address: thousands of riders share one carrier-NAT address.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  STREAMS_PER_USER = 5;

  /** How often each instance looks for publications made by other instances (for SSE); 0: never. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  PUBLICATION_POLL_MS = 1000;

  /** How often the deadline sweeper looks for due deadlines; 0 turns it off (tests sweep by hand). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  SWEEP_INTERVAL_MS = 5000;

  /**
   * At SIGTERM, how long answers in flight may take before their connections are cut
   * (src/common/graceful-close.ts); under an orchestrator's own grace (Kubernetes: 30 s).
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  /**
   * The reverse proxies in front of the service, as addresses or CIDR ranges separated by
   * commas. Only requests from them have X-Forwarded-For (the client address) and
   * X-Request-Id believed. Empty: the socket's peer is the client (a forged header then
   * changes nothing, not even the login budget).
   */
  @IsString()
  TRUST_PROXY = '';

  /** pino's level; by default `info`, and `silent` under test. */
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  get logLevel(): (typeof LOG_LEVELS)[number] {
    return this.LOG_LEVEL ?? (this.NODE_ENV === 'test' ? 'silent' : 'info');
  }

  /**
   * How often the service signs a checkpoint of every chain head (API.md "Evidence that outlives
   * the database"): an ISO 8601 duration (`PT1H`) or milliseconds; 0: only at publications.
   */
  @Transform(({ value }) => intervalMs(value))
  @IsInt({ message: 'CHECKPOINT_INTERVAL must be an ISO 8601 duration (PT1H) or a number of milliseconds' })
  @Min(0)
  CHECKPOINT_INTERVAL = 3_600_000;

  /** The Ed25519 key that signs checkpoints, PKCS#8 PEM; without it one is generated and kept beside the data. */
  @IsOptional()
  @IsString()
  CHECKPOINT_KEY?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

function intervalMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return NaN;
  if (/^\d+$/.test(value)) return Number(value);
  const duration = Duration.fromISO(value);
  return duration.isValid ? duration.toMillis() : NaN;
}

/** Builds the configuration from the environment; throws one error naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  const badProxies = invalidProxyEntries(config.TRUST_PROXY);
  if (badProxies.length) problems.push(`TRUST_PROXY must list IP addresses or CIDR ranges: ${badProxies.join(', ')}`);
  if (config.isProduction && !config.JWT_SECRET) problems.push('JWT_SECRET is required in production');
  if (problems.length) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { TransformationType } from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { ValidationArguments, ValidationError, ValidationTypes, getMetadataStorage } from 'class-validator';

/** Every ValidationPipe here: unknown fields are refused, and the DTO class is what the handler gets. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, transform: true } as const;

type Storage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<Storage['getTargetValidationMetadatas']>;

const kept = new WeakSet<Storage>();
/** Counts the times a rule was added after the classes were looked up: what was built from the rules before is stale. */
let rulesAdded = 0;

/**
 * class-validator looks a class's rules up anew on every validation: it filters every rule
 * it holds for the class and walks every class it knows to find the ones inherited
 * (`MetadataStorage.getTargetValidationMetadatas`), then groups them by property. That was
 * 2–3 % of an OFFER's CPU, and it grows with the number of DTOs. The rules are fixed once
 * the classes are loaded, so each answer is kept, and forgotten when a rule is added.
 */
export function keepValidationRulesLookedUp(storage: Storage = getMetadataStorage()): void {
  if (kept.has(storage)) return;
  kept.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let looked = new Map<unknown, Map<string, Rules>>();
  let grouped = new WeakMap<Rules, Record<string, Rules>>();
  const forget = () => {
    rulesAdded++;
    looked = new Map();
    grouped = new WeakMap();
  };
  for (const add of ['addValidationMetadata', 'addConstraintMetadata'] as const) {
    const original = storage[add].bind(storage) as (metadata: never) => void;
    (storage as unknown as Record<typeof add, (metadata: never) => void>)[add] = (metadata) => {
      forget();
      original(metadata);
    };
  }
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let forTarget = looked.get(target);
    if (!forTarget) looked.set(target, (forTarget = new Map()));
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let rules = forTarget.get(key);
    if (!rules) forTarget.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let byProperty = grouped.get(rules);
    if (!byProperty) grouped.set(rules, (byProperty = group(rules)));
    return byProperty;
  };
}

/**
 * A ValidationPipe for bodies Fastify parsed from JSON (the events). JSON has no sparse arrays
 * and no binary values, so the pipe's walks that look for them — every field of every offer,
 * about 3 % of an OFFER's CPU — find nothing there and are left out.
 *
 * A body that breaks no rule is answered by `entityBreakingNoRule`: the same instance, asked of
 * the same rules, without class-transformer's and the executor's general machinery (which built
 * an error record for every field of every body, then threw the empty ones away: 0.1–0.15 ms of
 * an OFFER). Anything else, every 400 included, is ValidationPipe's own answer.
 */
export class JsonBodyValidationPipe extends ValidationPipe {
  constructor() {
    super(VALIDATION_OPTIONS);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    const entity = typeof dto === 'function' && this.toValidate(metadata) ? entityBreakingNoRule(value, dto as Dto) : undefined;
    return entity ?? super.transform(value, metadata);
  }

  protected override closeArrayGaps(): void {}

  protected override findNestedBinaryValues(): ValidationError[] {
    return [];
  }
}

// — the way through for a body that breaks no rule —

/** class-transformer's metadata (what `@Type` and `@Transform` record), as @nestjs/mapped-types reads it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformerStorage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage }).defaultMetadataStorage;

type Dto = new () => object;
type Condition = (object: object, value: unknown) => boolean;
interface Rule {
  validate: (value: unknown, args: ValidationArguments) => unknown;
  each: boolean;
  validateIf?: Condition;
  property: string;
  constraints: unknown[];
}
interface PropertyPlan {
  name: string;
  conditions: Condition[];
  rules: Rule[];
  nested: boolean;
  /** The class `@Type` names; `list`: an array of them is built as class-transformer builds it */
  type?: { of: Dto; list: boolean };
}
/** What a class's rules ask, looked up once; undefined: something the way through does not do (the pipe's own path then answers). */
type Plan = { properties: PropertyPlan[]; byName: Map<string, PropertyPlan> } | undefined;

const UNDERSTOOD = new Set<string>([ValidationTypes.IS_DEFINED, ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.NESTED_VALIDATION, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST]);
const plans = new WeakMap<Function, { plan: Plan; rulesAdded: number }>();
const isPrimitive = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const isThenable = (value: unknown) => typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

function planFor(dto: Function): Plan {
  const known = plans.get(dto);
  if (known && known.rulesAdded === rulesAdded) return known.plan;
  const storage = getMetadataStorage();
  keepValidationRulesLookedUp(storage);
  // the executor's own lookup (validate() without groups)
  const rules = storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false);
  let plan: Plan = { properties: [], byName: new Map() };
  const transformerOwn = transformerStorage.getStrategy(dto) !== 'none' || transformerStorage.getExposedMetadatas(dto).length > 0 || transformerStorage.getExcludedMetadatas(dto).length > 0;
  if (!rules.length || transformerOwn || rules.some((rule) => !UNDERSTOOD.has(rule.type))) plan = undefined;
  for (const [name, own] of Object.entries(storage.groupByPropertyName(rules))) {
    if (!plan) break;
    const typed = transformerStorage.findTypeMetadata(dto, name);
    const reflected = typed?.reflectedType as unknown;
    const constraints = own.filter((rule) => rule.type === ValidationTypes.IS_DEFINED || rule.type === ValidationTypes.CUSTOM_VALIDATION).flatMap((rule) =>
      storage.getTargetValidatorConstraints(rule.constraintCls).map((constraint) => ({ rule, constraint })),
    );
    if (
      transformerStorage.findTransformMetadatas(dto, name, TransformationType.PLAIN_TO_CLASS).length ||
      (typed && (!typed.typeFunction || typed.options?.discriminator)) ||
      constraints.some(({ constraint }) => constraint.async) ||
      // class-transformer leaves out what the prototype has a getter or a method for
      Object.getOwnPropertyDescriptor(dto.prototype, name) !== undefined
    ) {
      plan = undefined;
      break;
    }
    const property: PropertyPlan = {
      name,
      conditions: own.filter((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION).map((rule) => rule.constraints[0] as Condition),
      rules: constraints.map(({ rule, constraint }) => {
        const instance = constraint.instance;
        return { validate: instance.validate.bind(instance), each: rule.each, validateIf: rule.validateIf, property: rule.propertyName, constraints: rule.constraints };
      }),
      nested: own.some((rule) => rule.type === ValidationTypes.NESTED_VALIDATION),
      type: typed && { of: typed.typeFunction({ newObject: {}, object: {}, property: name }) as Dto, list: reflected === Array },
    };
    if (own.some((rule) => rule.type !== ValidationTypes.WHITELIST)) plan.properties.push(property);
    plan.byName.set(name, property);
  }
  plans.set(dto, { plan, rulesAdded });
  return plan;
}

/**
 * The instance class-transformer's plainToInstance builds from a JSON object, built directly:
 * `new Dto()`, each field copied, `@Type` fields built from their own class. Undefined for
 * anything out of the ordinary (a field no rule names, an object where no class is named, a
 * primitive where one is), which the pipe's own path then answers.
 */
function instanceOf(value: unknown, dto: Dto): object | undefined {
  if (!isPlainObject(value)) return undefined;
  const plan = planFor(dto);
  if (!plan) return undefined;
  const entity = new dto() as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    const property = plan.byName.get(key);
    if (!property || typeof entity[key] === 'function') return undefined;
    const field = value[key];
    let built: unknown;
    if (property.type) {
      if (!Array.isArray(field)) built = instanceOf(field, property.type.of);
      else if (property.type.list) {
        const list: object[] = [];
        for (const item of field) {
          const one = instanceOf(item, property.type.of);
          if (!one) return undefined;
          list.push(one);
        }
        built = list;
      }
      if (!built) return undefined;
    } else if (isPrimitive(field)) built = field;
    else if (Array.isArray(field) && field.every(isPrimitive)) built = field.slice();
    else return undefined;
    entity[key] = built;
  }
  return entity;
}

/**
 * Whether class-validator's executor would find no error in the instance, asked of the same
 * rules in the same way (the conditions, each constraint's own `validate`, nested instances
 * by their class) without building the errors it would not report. A rule answering with a
 * promise counts as broken here: the pipe's own path waits for it.
 */
function breaksNoRule(entity: object): boolean {
  const plan = planFor(entity.constructor);
  if (!plan) return false;
  const fields = entity as Record<string, unknown>;
  for (const key of Object.keys(entity)) if (!plan.byName.has(key)) return false;
  for (const property of plan.properties) {
    const value = fields[property.name];
    if (!property.conditions.every((condition) => condition(entity, value))) continue;
    for (const rule of property.rules) {
      if (rule.validateIf && !rule.validateIf(entity, value)) continue;
      const args: ValidationArguments = { targetName: entity.constructor.name, property: rule.property, object: entity, value, constraints: rule.constraints };
      const answers = rule.each && Array.isArray(value) ? value.map((item) => rule.validate(item, args)) : [rule.validate(value, args)];
      if (answers.some((answer) => !answer || isThenable(answer))) return false;
    }
    if (property.nested && value !== undefined && !nestedBreaksNoRule(value)) return false;
  }
  return true;
}

function nestedBreaksNoRule(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((item) => item === undefined || nestedBreaksNoRule(item));
  return value instanceof Object && breaksNoRule(value);
}

/** The DTO ValidationPipe would return for a JSON body, when the body breaks no rule; else undefined. */
export function entityBreakingNoRule(value: unknown, dto: Dto): object | undefined {
  const entity = instanceOf(value, dto);
  return entity && breaksNoRule(entity) ? entity : undefined;
}

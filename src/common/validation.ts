import { ValidationPipe } from '@nestjs/common';
import { ValidationError, getMetadataStorage } from 'class-validator';

/** Every ValidationPipe here: unknown fields are refused, and the DTO class is what the handler gets. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, transform: true } as const;

type Storage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<Storage['getTargetValidationMetadatas']>;

const kept = new WeakSet<Storage>();

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
 * about 3 % of an OFFER's CPU — find nothing there and are left out. The rest is ValidationPipe's.
 */
export class JsonBodyValidationPipe extends ValidationPipe {
  constructor() {
    super(VALIDATION_OPTIONS);
  }

  protected override closeArrayGaps(): void {}

  protected override findNestedBinaryValues(): ValidationError[] {
    return [];
  }
}

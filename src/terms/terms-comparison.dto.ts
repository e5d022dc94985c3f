import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Leaf, TermChange, TermGap } from './terms-comparison';

/** A term's value at one path: a number (fen, basis points, minutes …), a text or a flag; null where that side has none. */
const LeafValue = (description: string, example: number) =>
  ApiProperty({ oneOf: [{ type: 'number', nullable: true }, { type: 'string' }, { type: 'boolean' }], description, example } as ApiPropertyOptions);
const PATH = { description: 'JSON path of the term; piece rates keyed by task', example: 'pieceRates[delivery].baseFen' } as const;

export class TermChangeDto implements TermChange {
  @ApiProperty(PATH)
  path!: string;

  @LeafValue('The value before (null: the term was not in the earlier offer)', 600)
  from!: Leaf;

  @LeafValue('The value now (null: the term was dropped)', 650)
  to!: Leaf;
}

export class TermGapDto implements TermGap {
  @ApiProperty(PATH)
  path!: string;

  @LeafValue("The union's latest position (null: not proposed)", 700)
  union!: Leaf;

  @LeafValue("The enterprise's latest position (null: not proposed)", 600)
  enterprise!: Leaf;
}

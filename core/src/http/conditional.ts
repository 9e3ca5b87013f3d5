import { ValidationFailed } from '../errors';

/** One entity-tag of an `If-Match` or `If-None-Match` list: its opaque text and whether it is weak. */
export interface EntityTag {
  opaque: string;
  weak: boolean;
}

/** A parsed `If-Match` or `If-None-Match` header: `*`, or a list of entity-tags (RFC 9110 §13.1). */
export type EntityTagCondition = { any: true } | { any: false; tags: EntityTag[] };

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
const LIST_ELEMENT = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const VERSION_TAG = /^[1-9]\d{0,14}$/;

/**
 * Parses a conditional request header; undefined when it is absent. A list may be split over several
 * header lines (API Gateway's `multiValueHeaders`), and empty list elements are allowed (RFC 9110 §5.6.1).
 */
export const parseEntityTags = (
  field: 'If-Match' | 'If-None-Match',
  values: readonly string[] | undefined,
): EntityTagCondition | undefined => {
  if (values === undefined || values.length === 0) return undefined;
  const elements = values
    .join(',')
    .split(',')
    .map((element) => element.trim())
    .filter((element) => element !== '');
  if (elements.length === 1 && elements[0] === '*') return { any: true };
  const tags = elements.map((element) => {
    const [, weak, opaque] = LIST_ELEMENT.exec(element) ?? [];
    if (opaque === undefined) {
      throw new ValidationFailed([
        { field, message: 'must be * or a comma-separated list of ETags such as "3", "4"' },
      ]);
    }
    return { opaque, weak: weak !== undefined };
  });
  if (tags.length === 0) throw new ValidationFailed([{ field, message: 'must not be empty' }]);
  return { any: false, tags };
};

const versionOf = ({ opaque }: EntityTag): number | undefined =>
  VERSION_TAG.test(opaque) ? Number(opaque) : undefined;

/**
 * The product versions an `If-Match` accepts, by strong comparison (RFC 9110 §13.1.1): a weak tag, or one
 * that names no product version, matches nothing. Undefined when any version will do (absent, or `*`).
 */
export const versionsMatchedStrongly = (condition: EntityTagCondition | undefined): number[] | undefined =>
  condition === undefined || condition.any
    ? undefined
    : condition.tags.flatMap((tag) => (tag.weak ? [] : [versionOf(tag) ?? []].flat()));

/** Whether an `If-None-Match` matches the current version, by weak comparison (RFC 9110 §13.1.2). */
export const matchesWeakly = (condition: EntityTagCondition | undefined, version: number): boolean =>
  condition !== undefined && (condition.any || condition.tags.some((tag) => versionOf(tag) === version));

/** The ETag of a product version, as GET returns it and If-Match expects it. */
export const entityTag = (version: number): string => `"${version}"`;

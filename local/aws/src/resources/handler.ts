import type { AwsClients } from '../clients';
import type { ResourceIdentity } from '../intrinsics';
import type { TemplateResource } from '../template';

/** A resource created in the emulators, with the identifiers CloudFormation would give it. */
export interface ProvisionedResource extends ResourceIdentity {
  logicalId: string;
  type: string;
  /** Physical name: table, topic, queue or bucket name. */
  name: string;
  arn?: string;
  /** Queue URL, for queues. */
  url?: string;
  /** Template properties the emulators do not apply (encryption, versioning, tags...). */
  notEmulated: string[];
}

export interface ProvisionInput {
  logicalId: string;
  /** Properties with every intrinsic function resolved. */
  properties: Record<string, unknown>;
  clients: AwsClients;
  accountId: string;
  region: string;
  partition: string;
  stackName: string;
}

export type CreatedResource = Omit<ProvisionedResource, 'logicalId' | 'type' | 'notEmulated'>;

export interface ResourceHandler {
  /** Template properties this handler applies; the others are reported as not emulated. */
  readonly applies: readonly string[];
  /** Why this resource is not created locally, judged from the raw template; undefined to create it. */
  skipReason?(logicalId: string, resource: TemplateResource): string | undefined;
  /** Creates the resource, or finds it when it already exists (a persisted backend). */
  provision(input: ProvisionInput): Promise<CreatedResource>;
}

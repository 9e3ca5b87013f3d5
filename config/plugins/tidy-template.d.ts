/** Removes DependsOn entries implied by Ref/Fn::GetAtt and the unused shared Lambda role, in place. */
export function tidyTemplate<T extends { Resources: Record<string, object> }>(template: T): T;

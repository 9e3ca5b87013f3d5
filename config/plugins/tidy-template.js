'use strict';

// Local Serverless plugin, registered last in every function service. serverless-iam-roles-per-function
// gives each function its own role but leaves two leftovers behind: the unused shared role and a DependsOn
// that repeats the role the function already names through Fn::GetAtt (cfn-lint W3005).

/** Logical ids that `node` reaches through Ref or Fn::GetAtt. */
const referencedIds = (node, found = new Set()) => {
  if (Array.isArray(node)) {
    node.forEach((child) => referencedIds(child, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string') found.add(value);
      else if (key === 'Fn::GetAtt') found.add(Array.isArray(value) ? value[0] : String(value).split('.')[0]);
      else referencedIds(value, found);
    }
  }
  return found;
};

const dropImpliedDependsOn = (resource) => {
  if (!resource.DependsOn) return;
  const implied = referencedIds(resource.Properties);
  const kept = [resource.DependsOn].flat().filter((id) => !implied.has(id));
  if (kept.length === 0) delete resource.DependsOn;
  else resource.DependsOn = kept;
};

/** Mutates a CloudFormation template in place; returns it for convenience. */
const tidyTemplate = (template) => {
  const resources = template.Resources;
  Object.values(resources).forEach(dropImpliedDependsOn);
  const { IamRoleLambdaExecution: sharedRole, ...others } = resources;
  if (sharedRole && !referencedIds(others).has('IamRoleLambdaExecution'))
    delete resources.IamRoleLambdaExecution;
  return template;
};

// Serverless instantiates plugins with `new`; a constructor function is all a hooks-only plugin needs.
function TidyTemplatePlugin(serverless) {
  this.hooks = {
    'before:package:finalize': () => tidyTemplate(serverless.service.provider.compiledCloudFormationTemplate),
  };
}

module.exports = TidyTemplatePlugin;
module.exports.tidyTemplate = tidyTemplate;

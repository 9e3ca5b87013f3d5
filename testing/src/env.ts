/** Sets the variables in process.env and returns a function that puts the previous values back. */
export const applyEnv = (env: Record<string, string>): (() => void) => {
  const previous = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  };
};

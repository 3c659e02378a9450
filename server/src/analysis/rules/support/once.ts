/**
 * Values every rule asks for at a site (its handler context, named parameters, other connections...),
 * computed once per context object. They are kept on the object itself under a symbol private to the
 * helper that asks: cheaper than a WeakMap on this path, and not enumerable, so a context spread into
 * a sibling's (`{ ...context, site }`) does not carry them over.
 */
export function once<C extends object, T>(context: C, key: symbol, compute: (context: C) => T): T {
  if (key in context) return (context as Record<symbol, T>)[key];
  // `compute` takes the context, so callers pass a function made once, not a closure per call.
  const value = compute(context);
  Object.defineProperty(context, key, { value });
  return value;
}

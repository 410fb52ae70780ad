export function f(x: number): number {
  if (x > 0) {
    return 1;
  }
  return -1;
}
export function g(): number {
  return 2;
}

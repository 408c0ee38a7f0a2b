// Blocks show money in pesos; rules keep integer cents.

/** Pesos back to cents without the float's dust: 12.34 → 1234. */
export const cents = (pesos: number) => Number((pesos * 100).toPrecision(15));
/** Cents as the pesos a block shows: 1234 → 12.34. */
export const pesos = (value: number) => Number((value / 100).toPrecision(15));

export { describeError } from "./describe-error.js";
export { isTurbineError, TurbineError, type TurbineErrorOptions } from "./turbine-error.js";
export { unreachable } from "./unreachable.js";
export { TURBINE_VERSION } from "./version.js";

export const packageName = "@turbine/runner";

export const packageName = "@turbine/artifact";

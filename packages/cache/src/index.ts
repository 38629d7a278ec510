export const packageName = "@turbine/cache";

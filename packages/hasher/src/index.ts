export const packageName = "@turbine/hasher";

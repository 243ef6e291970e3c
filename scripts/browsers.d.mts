export const chromiumPath: string;
export const firefoxPath: string;
export const chromiumArgs: string[];

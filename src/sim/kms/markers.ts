import { awsError } from "../errors.js";
import { decodeToken, encodeToken } from "../input.js";

export const encodeMarker = (offset: number, list: string) => encodeToken(offset, list);

export function decodeMarker(marker: string, list: string): number {
  const offset = decodeToken(marker, list);
  if (offset === undefined)
    throw awsError(
      "InvalidMarkerException",
      "The request was rejected because the marker that specifies where pagination should next begin is not valid.",
    );
  return offset;
}

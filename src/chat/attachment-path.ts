/** Where an attachment's bytes live: `<dataDir>/attachments/<tenant>/<id>`. */
import { join } from 'node:path';
import { AppError } from '../kernel/index.js';

const ID = /^att_[0-9a-z]{20}$/;
const TENANT = /^tn_[0-9a-z]{20}$|^tn_platform$/;

export const attachmentPath = (dataDir: string, tenantId: string, id: string): string => {
  // Both parts come from our own id formats; checked anyway so no name can climb out of the folder.
  if (!TENANT.test(tenantId) || !ID.test(id)) throw new AppError('NOT_FOUND');
  return join(dataDir, 'attachments', tenantId, id);
};

/** The web's addresses of attachments and comments (the API's are under /api/v1). */
export const discussionRoutes = {
  attach: '/rekommendationer/:id/atgarder/:actionId/bilagor',
  comment: '/rekommendationer/:id/atgarder/:actionId/kommentarer',
  file: '/bilagor/:id',
};

export const attachmentPath = (id: string): string => discussionRoutes.file.replace(':id', encodeURIComponent(id));

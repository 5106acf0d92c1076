# One image for the worker, the API and migrations; compose picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
# The worker loads this bundle instead of bundling its workflows at every start.
RUN npm run build:workflows -- /app/dist/workflows.js
ENV ROSTER_WORKFLOW_BUNDLE=/app/dist/workflows.js
USER node
CMD ["npm", "run", "api"]

# syntax=docker/dockerfile:1
# Multi-stage build: the SDK image compiles and publishes; the runtime image runs as a non-root user.
# The runtime image is pinned to the patch release of the ASP.NET Core packages in
# Directory.Packages.props (AspNetCoreVersion); move both together. See docs/deployment.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Course.Core/Course.Core.csproj src/Course.Core/
COPY src/Course.Web/Course.Web.csproj src/Course.Web/
# Published for the image's architecture, so it is precompiled (ReadyToRun; see Course.Web.csproj).
ARG TARGETARCH
RUN dotnet restore src/Course.Web/Course.Web.csproj -a "$TARGETARCH"
COPY src/ src/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish src/Course.Web/Course.Web.csproj -c Release -a "$TARGETARCH" --self-contained false -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0.15 AS runtime
WORKDIR /app
# The SQLite database lives on a volume mounted at /data, owned by the image's non-root 'app' user.
RUN mkdir -p /data && chown "$APP_UID" /data
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__DataDirectory=/data
VOLUME ["/data"]
EXPOSE 8080
USER $APP_UID
# The runtime image has no curl or wget: the app checks itself (GET /health/ready, exit 0 on 2xx).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["dotnet", "Course.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "Course.Web.dll"]
# With no arguments the app serves; `migrate`, `migrate-data`, `users promote`, `import`… run and exit.

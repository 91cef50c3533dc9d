# syntax=docker/dockerfile:1
# Multi-stage build: the SDK image compiles and publishes; the runtime image runs as a non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Course.Core/Course.Core.csproj src/Course.Core/
COPY src/Course.Web/Course.Web.csproj src/Course.Web/
RUN dotnet restore src/Course.Web/Course.Web.csproj
COPY src/ src/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish src/Course.Web/Course.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The SQLite database lives on a volume mounted at /data, owned by the image's non-root 'app' user.
RUN mkdir -p /data && chown "$APP_UID" /data
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__DataDirectory=/data
VOLUME ["/data"]
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Course.Web.dll"]

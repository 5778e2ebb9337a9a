# LinkMatch API: build with the .NET SDK image, run on the ASP.NET runtime image as a non-root user.
# Base images are arguments so that a mirror or a locally built image can stand in:
#   docker build --build-arg SDK_IMAGE=... --build-arg RUNTIME_IMAGE=... -t linkmatch .
# The runtime image needs ICU (the console formats id-ID), tzdata (schedules run in Asia/Makassar) and apt (to add
# libgomp1 for LightGBM): the default aspnet:10.0 (Ubuntu) has all three; chiseled and Alpine images do not.
# Configuration comes from the environment: deploy/.env.example lists every setting, README.md ("Container") shows
# a deployment with deploy/compose.yaml.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# global.json pins the SDK of the development machines; the image brings its own 10.0 SDK.
COPY Directory.Build.props Directory.Packages.props .editorconfig LinkMatch.sln ./
# Embedded in the binary: the migrations and the baseline ranking model (the build fails if either is missing).
COPY db/ db/
COPY ml-models/ ml-models/
COPY src/ src/
RUN dotnet publish src/LinkMatch.Api/LinkMatch.Api.csproj -c Release -o /app --nologo

FROM ${RUNTIME_IMAGE} AS runtime
# LightGBM, which retrains the ranking model in the service and the worker, needs the GNU OpenMP runtime.
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
WORKDIR /app
COPY --from=build /app ./
# ASPNETCORE_HTTP_PORTS (not ASPNETCORE_URLS, which would override it with a warning on every start).
# Globalization stays on even on a base image that turns it off: without ICU the service stops at start.
# Logs: one line per entry with a UTC timestamp, for the container runtime's log collector.
# Metrics: off unless Telemetry__MetricsPort (9464) and Telemetry__MetricsHost (the container's name) are set, for the
# internal network only, never through the proxy (src/LinkMatch.Api/Telemetry/README.md).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    DOTNET_gcServer=0 \
    Logging__Console__FormatterName=simple \
    Logging__Console__FormatterOptions__SingleLine=true \
    Logging__Console__FormatterOptions__UseUtcTimestamp=true \
    Logging__Console__FormatterOptions__TimestampFormat="yyyy-MM-ddTHH:mm:ss.fffZ "
EXPOSE 8080
# The official images define this user (app, uid 1654); a numeric id works on any base image.
USER 1654:1654
ENTRYPOINT ["dotnet", "LinkMatch.Api.dll"]

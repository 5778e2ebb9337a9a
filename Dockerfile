# LinkMatch API: build with the .NET SDK image, run on the ASP.NET runtime image as a non-root user.
# Base images are arguments so that a mirror or a locally built image can stand in:
#   docker build --build-arg SDK_IMAGE=... --build-arg RUNTIME_IMAGE=... -t linkmatch .
# Configuration comes from the environment, e.g.
#   ConnectionStrings__Default, ConnectionStrings__Migrations, PersonalData__EncryptionKeys__1,
#   PersonalData__BlindIndexKeys__1 (see README.md, "Configuration").
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# global.json pins the SDK of the development machines; the image brings its own 10.0 SDK.
COPY Directory.Build.props Directory.Packages.props .editorconfig LinkMatch.sln ./
COPY db/ db/
COPY src/ src/
RUN dotnet publish src/LinkMatch.Api/LinkMatch.Api.csproj -c Release -o /app --nologo

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_gcServer=0
EXPOSE 8080
# The official images define this user (app, uid 1654); a numeric id works on any base image.
USER 1654:1654
ENTRYPOINT ["dotnet", "LinkMatch.Api.dll"]

# syntax=docker/dockerfile:1
# One Dockerfile, one final stage per service:
#   docker build --target router            -t ghcr.io/dapr-aiprovider/router:0.1.0 .
#   docker build --target quota             -t ghcr.io/dapr-aiprovider/quota:0.1.0 .
#   docker build --target provider-adapters -t ghcr.io/dapr-aiprovider/provider-adapters:0.1.0 .
# Runtime: chiseled images (no shell, no package manager), run as UID/GID 10001 like the manifests'
# securityContext (k8s/base/*.yaml) and compose.yaml. The router and provider-adapters are published as Native
# AOT (one native executable on runtime-deps, no .NET runtime; docs/benchmarks-peer.md, "Router as Native AOT" and
# "Session 11: provider-adapters as Native AOT"); quota runs on the chiseled ASP.NET image.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The Native AOT toolchain's linker (clang) and zlib, for the router's and provider-adapters' publish.
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore first from the project files only, so the package layer is rebuilt only when they change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY services/building-blocks/Contracts/Contracts.csproj services/building-blocks/Contracts/
COPY services/building-blocks/ServiceDefaults/ServiceDefaults.csproj services/building-blocks/ServiceDefaults/
COPY services/router/Router.csproj services/router/
COPY services/quota/Quota.csproj services/quota/
COPY services/provider-adapters/ProviderAdapters.csproj services/provider-adapters/
RUN dotnet restore services/router/Router.csproj -r linux-x64 \
 && dotnet restore services/quota/Quota.csproj \
 && dotnet restore services/provider-adapters/ProviderAdapters.csproj -r linux-x64
COPY . .

FROM build AS publish-router
RUN dotnet publish services/router/Router.csproj -c Release -r linux-x64 -o /app --no-restore --nologo

FROM build AS publish-quota
RUN dotnet publish services/quota/Quota.csproj -c Release -o /app --no-restore --nologo

FROM build AS publish-provider-adapters
RUN dotnet publish services/provider-adapters/ProviderAdapters.csproj -c Release -r linux-x64 -o /app --no-restore --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
USER 10001:10001
# The manifests and compose.yaml set ASPNETCORE_URLS; no default port binding of the base image.
ENV ASPNETCORE_HTTP_PORTS=""

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime-native
WORKDIR /app
USER 10001:10001
ENV ASPNETCORE_HTTP_PORTS=""

FROM runtime-native AS router
COPY --from=publish-router /app .
EXPOSE 8080
ENTRYPOINT ["/app/Dapr.AiProvider.Router"]

FROM runtime AS quota
COPY --from=publish-quota /app .
EXPOSE 5200
ENTRYPOINT ["dotnet", "Dapr.AiProvider.Quota.dll"]

FROM runtime-native AS provider-adapters
# providers.json and prices.json come with the executable (read from its directory).
COPY --from=publish-provider-adapters /app .
EXPOSE 5300
ENTRYPOINT ["/app/Dapr.AiProvider.ProviderAdapters"]

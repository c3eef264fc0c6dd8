# The same work on an OGC API - Processes server (pygeoapi): the towers buffered as a job followed
# to its end, then the slope of the DEM, sent and returned by value as GeoTIFF.
from remote_gp.gp_core import FeatureSet
from remote_gp.gp_core.ogc_server import OgcServer

server = OgcServer("http://ogc.example.org")
print("processes:", ", ".join(process.id for process in server.processes()))

towers = FeatureSet()
towers.load("c:/base/roads.shp")
# GeoJSON is in WGS 84: the towers go transformed, and this server's distance is in degrees.
job = server.execute("buffer", {"features": towers, "distance": 0.0002}, asynchronous=True)
job.wait(on_update=lambda job, messages: print("buffer job:", job.status))
buffers = job.results().output("buffered")
buffers.save("c:/temp/towers_buffer_ogc.shp")

results = server.run("slope", {"dem": "c:/dems/k_ne_g"})
results.output("slope", "c:/temp/rasteroutput/slope_ogc.tif")

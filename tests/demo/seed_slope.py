import time

from remote_gp.gp_core import arcpy

# Set the scratchworkspace to a folder.
arcpy.env.scratchWorkspace = "c:/temp/rasteroutput"

# Add a toolbox from a server
arcpy.ImportToolbox("http://flame7/arcgis/services;SlopeByVal", "mytools")

dem = "c:/dems/k_ne_g"

# Run a server tool named RunSlope
result = arcpy.RunSlope_mytools(dem)

# Check the status of the result object every 0.2 seconds until it has a value
#    of 4 (succeeded) or greater
while result.status < 4:
    print(result.status)
    time.sleep(0.2)

# Raster output will be written to the scratchworkspace
outTIFF = result[0]
